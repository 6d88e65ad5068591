"""The documentation that is generated from the code stays equal to it."""

from __future__ import annotations

from pathlib import Path

from mentorcore.reference import generate

DOCS = Path(__file__).resolve().parent.parent / "docs"


def test_authoring_reference_is_current():
    assert (DOCS / "authoring.md").read_text(encoding="utf-8") == generate(), (
        "docs/authoring.md is stale: run `python -m mentorcore.reference > docs/authoring.md`")


def test_reference_covers_every_model_key():
    import attrs

    from mentorcore.model import Phase, Programme, Range

    text = generate()
    for cls in (Programme, Phase, Range):
        for field in attrs.fields(cls):
            assert f"| `{field.name}` |" in text


def test_cli_reference_is_current():
    from mentorcore.clidoc import generate as generate_cli

    assert (DOCS / "cli.md").read_text(encoding="utf-8") == generate_cli(), (
        "docs/cli.md is stale: run `python -m mentorcore.clidoc > docs/cli.md`")


def test_cli_reference_is_english_after_a_finnish_run(run):
    """The reference comes out the same after a Finnish run in the same process (click names a
    path option's metavar once, in the language of that moment: KANSIO stayed)."""
    from mentorcore.clidoc import generate as generate_cli

    assert run("--lang", "fi", "--plugins-dir", str(DOCS), "validate", "womento").exit_code == 0
    assert (DOCS / "cli.md").read_text(encoding="utf-8") == generate_cli()


def test_cli_reference_is_the_same_after_a_command_ran_alone():
    """A command run on its own (its help option is `--help` only) and then under the group
    (`-h, --help`) shows each context's own: click makes the option once and keeps it."""
    from click.testing import CliRunner

    from mentorcore.cli import cli
    from mentorcore.clidoc import generate as generate_cli

    with cli.make_context("mentorcore", ["simulate"], resilient_parsing=True) as ctx:
        simulate = cli.get_command(ctx, "simulate")
    assert simulate is not None
    alone = CliRunner().invoke(simulate, ["--help"])
    assert alone.exit_code == 0 and "-h, --help" not in alone.output
    assert (DOCS / "cli.md").read_text(encoding="utf-8") == generate_cli()
