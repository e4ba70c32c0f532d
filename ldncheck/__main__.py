"""`python -m ldncheck`."""

from ldncheck.entry import console

console()
