"""govtrace.ingest"""
