"""Documents from a model: the handbook for mentors and mentees, and printable forms.

Each document is built once as plain values (:mod:`mentorcore.render.document`) and written as
Markdown or as a self-contained HTML page. All functions are pure: a programme and a language
in, text out.
"""

from mentorcore.render.forms import form_csv, render_forms
from mentorcore.render.handbook import render_handbook

__all__ = ["form_csv", "render_forms", "render_handbook"]
