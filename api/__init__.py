"""govtrace.api"""
