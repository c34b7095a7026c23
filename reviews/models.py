# The review pages and API work on applications.models; this app has no tables of its own.
