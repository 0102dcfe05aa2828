"""mkdocs-macros' module for this site (``module_name: macros`` in mkdocs.yml).

The generator does the work; the course's own extension is ``macros/course.py``.
"""

from studynotes.engines.macros import define_env, on_post_build, on_pre_page_macros

__all__ = ["define_env", "on_post_build", "on_pre_page_macros"]
