"""Extraction backends: `rules` (offline, default) and `llm` (OpenAI-compatible API)."""
