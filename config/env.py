"""Every setting that varies between machines comes from the environment, read here.

.env.example lists each variable with its default.
"""

import secrets
from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# A local .env file is optional; real environments set variables directly.
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DATA_DIR = Path(env.str("MITPLAN_DATA_DIR", default=str(BASE_DIR / "var")))


def secret_key() -> str:
    """SECRET_KEY from the environment, else a key generated once into an untracked file.

    Generating it keeps `make run` free of configuration while never shipping a
    shared default key.
    """
    key = env.str("SECRET_KEY", default="")
    if key:
        return key
    path = DATA_DIR / "secret_key"
    if not path.exists():
        DATA_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()
