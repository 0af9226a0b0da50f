from intake.cli import app

app(prog_name="python -m intake")
