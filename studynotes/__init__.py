"""studynotes: course notes to a study site, as plain Python that imports no engine.

Engines reach it only through the thin adapters of ``studynotes.engines`` (the
mkdocs-macros module a site's ``macros/__init__.py`` re-exports, the Jinja-sandbox
hook) and ``python -m studynotes.build`` for Zensical; courses extend it through
``studynotes.extension`` and configure it with ``extra: studynotes:`` in mkdocs.yml.
"""
