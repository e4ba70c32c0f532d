"""`python -m ldncheck`."""

from ldncheck.entry import main

main()
