"""Triage: which claims matter first (check-worthiness), ORM-free.

``features`` reads a claim's plain data, ``heuristic`` scores it without a trained model,
``model`` scores it with stored learned weights (JSON, never pickle), ``training`` fits and
evaluates a model, ``labels`` reads a newsroom's labelled file.
"""
