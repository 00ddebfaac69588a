"""Scale out: two `hizakoshi serve` instances on one PostgreSQL, behind nginx, on loopback.

    scripts/scale-smoke.sh [--people 10] [--rounds 6]      # makes the throwaway PostgreSQL

Run through scripts/scale-smoke.sh, which gives it DATABASE_URL (a throwaway PostgreSQL cluster,
scripts/with-postgres.sh) and checks that nginx is installed. Steps:

  1. migrate once, make PEOPLE test people with a plan (the tests' factories);
  2. start two instances, A and B (`hizakoshi serve`, 2 gunicorn workers each, their own data
     folders, one secret key, as two servers would be set up), and nginx in front of both;
  3. the load (benchmarks/scale_load.py): logins, diary writes and reads, saved results, across
     A, B and nginx;
  4. the scheduled job: `hizakoshi send_reminders` started for A and for B at the same moment,
     twice; each person must get exactly one e-mail;
  5. the figures; the exit code is 1 on any 5xx, lost write, failed check or wrong e-mail count.

Loopback only and bounded: PEOPLE x (about 20 + 3 x ROUNDS) requests, a deadline for the load.
"""

from __future__ import annotations

import argparse
import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from appserver import free_port  # noqa: E402
from scale_load import PASSWORD, Tally, drive  # noqa: E402

BIN = Path(sys.executable).parent
HIZAKOSHI = str(BIN / "hizakoshi")
NGINX_CONF = """\
worker_processes 1;
pid {dir}/nginx.pid;
error_log {dir}/error.log warn;
events {{ worker_connections 512; }}
http {{
    access_log {dir}/access.log;
    client_body_temp_path {dir}/body;
    proxy_temp_path {dir}/proxy;
    fastcgi_temp_path {dir}/fastcgi;
    uwsgi_temp_path {dir}/uwsgi;
    scgi_temp_path {dir}/scgi;
    upstream hizakoshi {{
        server 127.0.0.1:{port_a};
        server 127.0.0.1:{port_b};
        keepalive 16;
    }}
    server {{
        listen 127.0.0.1:{port};
        location / {{
            proxy_pass http://hizakoshi;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $http_host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto $scheme;
            # Run as root, nginx's workers run as nobody and could not write temporary files in
            # this run's private folder: big answers are passed on as they come instead.
            proxy_max_temp_file_size 0;
            # Which instance answered: the load counts both, so round robin is seen to happen.
            add_header X-Upstream $upstream_addr always;
        }}
    }}
}}
"""


def app_env(data_dir: Path, secret: str, port: int) -> dict[str, str]:
    """One instance's environment: its own data folder, the shared database and secret key."""
    dropped = ("DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE")
    env = {
        k: v for k, v in os.environ.items() if not k.startswith("HIZAKOSHI_") and k not in dropped
    }
    return env | {
        "HIZAKOSHI_DATA_DIR": str(data_dir),
        "HIZAKOSHI_SECRET_KEY": secret,
        "HIZAKOSHI_BIND": f"127.0.0.1:{port}",
        "HIZAKOSHI_WORKERS": "2",
        "HIZAKOSHI_BEHIND_PROXY": "true",
        # Every test person logs in from 127.0.0.1: the per-IP login limit would stop the load.
        "HIZAKOSHI_RATELIMIT_LOGIN_IP": "10000/m",
        # The job's e-mails go to its output, where they are counted.
        "HIZAKOSHI_EMAIL_BACKEND": "console",
    }


def with_tests(env: dict[str, str]) -> dict[str, str]:
    tests = str(HERE.parent / "tests")
    return env | {"PYTHONPATH": os.pathsep.join(filter(None, [tests, env.get("PYTHONPATH")]))}


def prepare(env: dict[str, str], people: int) -> str:
    """Migrate, make the people; the signed state of a finished self-check (for saving)."""
    code = (
        "from django.core.management import call_command\n"
        "call_command('migrate', verbosity=0)\n"
        "from hizakoshi.selfcheck.flow import FlowState, RESULT\n"
        "from journey.factories import with_plan\n"
        "from people import person\n"
        "from selfcheck.factories import knee_origin_answers\n"
        f"for n in range({people}):\n"
        f"    with_plan(person(f'person{{n}}@example.jp', password='{PASSWORD}'))\n"
        "print(FlowState(step=RESULT, answers=knee_origin_answers()).dump())\n"
    )
    # The tests' factories make the people as the tests do (an account that agreed to the
    # journey, with a plan), so this follows their changes.
    done = subprocess.run(
        [HIZAKOSHI, "shell", "-c", code], env=with_tests(env), capture_output=True, text=True
    )
    if done.returncode != 0:
        raise RuntimeError(f"making the test people failed:\n{done.stderr[-3000:]}")
    return done.stdout.strip().splitlines()[-1]


def wait_until(url: str, proc: subprocess.Popen[bytes], log: Path, timeout: float) -> None:
    """Until `url` answers; fails with the end of the server's log if it stops or is slow."""
    deadline = time.monotonic() + timeout
    while True:
        if proc.poll() is not None:
            raise RuntimeError(f"{url}: the server stopped at start:\n{log.read_text()[-3000:]}")
        try:
            urllib.request.urlopen(url + "/", timeout=2).close()
            return
        except OSError:
            if time.monotonic() > deadline:
                raise RuntimeError(
                    f"{url} not up after {timeout} s:\n{log.read_text()[-3000:]}"
                ) from None
            time.sleep(0.3)


@contextmanager
def running(
    command: list[str], env: dict[str, str] | None, log: Path
) -> Iterator[subprocess.Popen[bytes]]:
    """A server process for the duration of the block; stopped (SIGTERM, then kill) after."""
    with log.open("wb") as sink:
        proc = subprocess.Popen(command, env=env, stdout=sink, stderr=subprocess.STDOUT)
    try:
        yield proc
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def nginx_binary() -> str:
    found = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(found).is_file():
        raise SystemExit("nginx not found (Debian: apt-get install -y nginx)")
    return found


# Each process sets Django up first, says so, and waits for the word: so both start sending
# within a millisecond or so of each other, not one whole start-up (about a second) apart. Then
# the same again, as the next cron run of the same day would.
JOB = """
import pathlib, time
from django.core.management import call_command
here = pathlib.Path({folder!r})
for run in (1, 2):
    (here / f"ready-{name}-{{run}}").touch()
    while not (here / f"go-{{run}}").exists():
        time.sleep(0.001)
    print(f"== run {{run}}", flush=True)
    call_command("send_reminders", "--every", "1440")
"""
JOB_RUNS = 2


def job_race(envs: dict[str, dict[str, str]], folder: Path) -> list[dict[str, list[str]]]:
    """`hizakoshi send_reminders` run for A and for B at the same moment, twice (its own code,
    through `hizakoshi shell` so that both start together): per run, whom each instance e-mailed.
    """
    folder.mkdir()
    procs = {
        name: subprocess.Popen(
            [HIZAKOSHI, "shell", "-c", JOB.format(name=name, folder=str(folder))],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for name, env in envs.items()
    }
    deadline = time.monotonic() + 120
    for run in range(1, JOB_RUNS + 1):
        while not all((folder / f"ready-{name}-{run}").exists() for name in procs):
            if time.monotonic() > deadline or any(p.poll() is not None for p in procs.values()):
                break
            time.sleep(0.01)
        (folder / f"go-{run}").touch()
    runs: list[dict[str, list[str]]] = [{} for _ in range(JOB_RUNS)]
    for name, proc in procs.items():
        out, err = proc.communicate(timeout=120)
        if proc.returncode != 0:
            raise RuntimeError(f"send_reminders failed ({proc.returncode}):\n{err.decode()}")
        parts = re.split(r"^== run \d+$", out.decode(errors="replace"), flags=re.MULTILINE)[1:]
        for run, text in enumerate(parts):
            runs[run][name] = re.findall(r"^To: (\S+)$", text, flags=re.MULTILINE)
    return runs


def database_lost(tally: Tally) -> int:
    """Acknowledged last diary values that the database does not hold."""
    import psycopg

    with psycopg.connect(os.environ["DATABASE_URL"]) as con:
        rows = con.execute(
            "SELECT u.email, d.back_pain FROM journey_diaryentry d "
            "JOIN accounts_user u ON u.id = d.person_id"
        ).fetchall()
    held = {email: pain for email, pain in rows}
    return sum(1 for email, value in tally.last_diary.items() if held.get(email) != value)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=6)
    parser.add_argument("--deadline", type=float, default=120, help="seconds for the load")
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        raise SystemExit("needs DATABASE_URL of a PostgreSQL database: run scripts/scale-smoke.sh")
    nginx = nginx_binary()
    began = time.monotonic()
    secret = secrets.token_urlsafe(50)
    port_a, port_b, port = free_port(), free_port(), free_port()
    with tempfile.TemporaryDirectory(prefix="hizakoshi-scale.") as tmp_name, ExitStack() as stack:
        tmp = Path(tmp_name)
        env_a = app_env(tmp / "a", secret, port_a)
        env_b = app_env(tmp / "b", secret, port_b)
        state = prepare(env_a, args.people)
        timings = {"set-up": time.monotonic() - began}
        servers: list[tuple[str, subprocess.Popen[bytes], Path]] = []
        a, b, proxy = (f"http://127.0.0.1:{p}" for p in (port_a, port_b, port))
        for url, name, env in ((a, "a", env_a), (b, "b", env_b)):
            log = tmp / f"serve-{name}.log"
            server = stack.enter_context(running([HIZAKOSHI, "serve"], env, log))
            servers.append((url, server, log))
        conf_dir = tmp / "nginx"
        conf_dir.mkdir()
        conf = conf_dir / "nginx.conf"
        conf.write_text(NGINX_CONF.format(dir=conf_dir, port_a=port_a, port_b=port_b, port=port))
        command = [nginx, "-c", str(conf), "-p", str(conf_dir), "-e", str(conf_dir / "error.log")]
        log = tmp / "nginx.log"
        servers.append(
            (proxy, stack.enter_context(running([*command, "-g", "daemon off;"], None, log)), log)
        )
        for url, server, log in servers:
            wait_until(url, server, log, 120)
        ready = time.monotonic()
        timings["start"] = ready - began - timings["set-up"]

        emails = [f"person{n}@example.jp" for n in range(args.people)]
        tally = drive(
            emails, a=a, b=b, proxy=proxy, rounds=args.rounds, state=state,
            deadline_seconds=args.deadline,
        )  # fmt: skip
        load_seconds = time.monotonic() - ready
        db_lost = database_lost(tally)
        first, again = job_race({"A": env_a, "B": env_b}, tmp / "job")
        job_seconds = time.monotonic() - ready - load_seconds
        names = {f"127.0.0.1:{port_a}": "A", f"127.0.0.1:{port_b}": "B"}
        seconds = timings | {"load": load_seconds, "job": job_seconds}
        print_figures(args, tally, db_lost, seconds, names)
        sent = sorted(first.get("A", []) + first.get("B", []))
        resent = again.get("A", []) + again.get("B", [])
        print(
            f"job runs={2 * JOB_RUNS}: send_reminders on A and B at the same moment: "
            f"A sent {len(first.get('A', []))}, "
            f"B sent {len(first.get('B', []))}: {len(sent)} e-mail(s) to {len(set(sent))} of "
            f"{len(emails)} people; both run again the same day: {len(resent)} e-mail(s)"
        )
        once = sent == sorted(emails) and not resent
        fine = tally.errors_5xx == 0 and not tally.lost and db_lost == 0 and not tally.failures
        for failure in tally.failures[:20]:
            print(f"  {failure}", file=sys.stderr)
        if not (fine and once):
            print("FAILED: see the figures above", file=sys.stderr)
            return 1
    print("scale smoke: passed")
    return 0


def print_figures(
    args: argparse.Namespace,
    tally: Tally,
    db_lost: int,
    timings: dict[str, float],
    names: dict[str, str],
) -> None:
    served = sorted((names.get(up, up), n) for up, n in tally.upstreams.items())
    by_instance = ", ".join(f"{name}={n}" for name, n in served)
    checks = ", ".join(f"{name}={n}" for name, n in sorted(tally.checks.items()))
    seconds = ", ".join(f"{name} {value:.1f}" for name, value in timings.items())
    print(
        f"scale smoke: 2 instances x 2 gunicorn workers behind nginx, one PostgreSQL; "
        f"{args.people} people x {args.rounds} rounds; seconds: {seconds}"
    )
    print(
        f"requests={tally.requests} 5xx={tally.errors_5xx} "
        f"(through nginx, by instance: {by_instance or 'none'})"
    )
    print(
        f"writes acknowledged: diary={tally.acknowledged['diary']} "
        f"saved results={tally.acknowledged['saved result']}; "
        f"lost writes={sum(tally.lost.values()) + db_lost} "
        f"(on read-back {sum(tally.lost.values())}, in the database {db_lost})"
    )
    print(f"cross-instance checks: {checks}")


if __name__ == "__main__":
    sys.exit(main())
