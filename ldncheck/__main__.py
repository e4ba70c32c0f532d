"""`python -m ldncheck`."""

from ldncheck.cli import main

main()
