"""``python -m studynotes.quiz [QUIZ_ID]``: take a quiz in the terminal."""

from __future__ import annotations

import sys

from studynotes.quiz.runner import main

sys.exit(main())
