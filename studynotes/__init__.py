"""The site's logic as plain Python: no MkDocs imports here.

MkDocs reaches this package only through the thin adapters in ``macros/`` and
``hooks/``, so the logic can be tested directly and would survive a move to
another site engine.
"""
