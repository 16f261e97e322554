"""govtrace.queries"""
