"""Browser tests (a package, so that test_book.py here and tests/test_book.py coexist)."""
