from keys.cli import app

app(prog_name="python -m keys")
