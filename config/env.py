"""Every setting that varies between machines comes from the environment, read here.

.env.example lists each variable with its default.
"""

import os
import secrets
from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# A local .env file is optional; real environments set variables directly.
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DATA_DIR = Path(env.str("MITPLAN_DATA_DIR", default=str(BASE_DIR / "var")))

# What the data directory holds is private: residents' data, the secret key.
PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600


def data_dir_ensure() -> Path:
    """Create the data directory readable by its owner only (0700)."""
    if not DATA_DIR.exists():
        DATA_DIR.mkdir(parents=True, mode=PRIVATE_DIR_MODE, exist_ok=True)
        DATA_DIR.chmod(PRIVATE_DIR_MODE)  # mkdir's mode is narrowed by the umask only
    return DATA_DIR


def private_file_ensure(path: Path, text: str | None = None) -> None:
    """Create `path` with mode 0600 from the start (no moment at 0644), empty or
    with `text`; an existing file is left as it is. SQLite gives a database's
    -wal and -shm files the mode of the database file, so creating that one
    private before SQLite opens it keeps all three private."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE)
    except (FileExistsError, FileNotFoundError):
        return  # exists already, or its folder does not (the caller reports that)
    with os.fdopen(fd, "w") as file:
        if text:
            file.write(text)


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
        data_dir_ensure()
        private_file_ensure(path, secrets.token_urlsafe(50))
    return path.read_text().strip()
