"""govtrace.graph"""
