"""Capture core (ORM-free): WARC records, content-addressed blob storage, text extraction."""
