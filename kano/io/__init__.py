"""Reading and normalising survey input."""
