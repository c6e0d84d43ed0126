"""workbench/envfile.py: the development .env, never over the real environment."""

import os

import pytest

from workbench.envfile import default_env_file, load_env_file, parse_env_file


def test_parse_comments_quotes_and_export():
    text = (
        "# a comment\n\nDJANGO_DEBUG=1\nexport NAME='two words'\nURL=\"postgres://x@h/db\"\n"
        "EMPTY=\nINLINE=value # a note\n"
    )
    assert parse_env_file(text) == {
        "DJANGO_DEBUG": "1",
        "NAME": "two words",
        "URL": "postgres://x@h/db",
        "EMPTY": "",
        "INLINE": "value",
    }


def test_a_line_that_is_not_key_value_says_where():
    with pytest.raises(ValueError, match="line 2"):
        parse_env_file("A=1\nnot a setting\n")


def test_real_environment_variables_win(tmp_path, monkeypatch):
    dotenv = tmp_path / ".env"
    dotenv.write_text("WB_TEST_SET=from-file\nWB_TEST_NEW=from-file\n")
    monkeypatch.setenv("WB_TEST_SET", "from-environment")
    monkeypatch.delenv("WB_TEST_NEW", raising=False)
    try:
        assert load_env_file(dotenv) == ["WB_TEST_NEW"]
        assert os.environ["WB_TEST_SET"] == "from-environment"
        assert os.environ["WB_TEST_NEW"] == "from-file"
    finally:
        os.environ.pop("WB_TEST_NEW", None)


def test_a_missing_file_that_was_named_is_an_error(tmp_path):
    with pytest.raises(ValueError, match="cannot read it"):
        load_env_file(tmp_path / "nope.env")


def test_the_checkouts_dotenv_is_used_only_when_it_exists_and_nothing_was_said(
    tmp_path, monkeypatch
):
    monkeypatch.delenv("DJANGO_ENV_FILE", raising=False)
    default_env_file(tmp_path)
    assert "DJANGO_ENV_FILE" not in os.environ
    (tmp_path / ".env").write_text("DJANGO_DEBUG=1\n")
    default_env_file(tmp_path)
    assert os.environ["DJANGO_ENV_FILE"] == str(tmp_path / ".env")
    monkeypatch.setenv("DJANGO_ENV_FILE", "")  # told: no file
    default_env_file(tmp_path)
    assert os.environ["DJANGO_ENV_FILE"] == ""
