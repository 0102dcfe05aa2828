"""mkdocs-macros' module for this site (``module_name: macros`` in mkdocs.yml).

studynotes does the work. The course's own macros and generated quizzes go in an
extension module here, listed under ``extra: studynotes: extensions:`` in mkdocs.yml.
"""

from studynotes.engines.macros import define_env, on_post_build, on_pre_page_macros

__all__ = ["define_env", "on_post_build", "on_pre_page_macros"]
