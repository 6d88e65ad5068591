"""``python -m mentorcore`` runs the command line."""

from mentorcore.cli import main

main()
