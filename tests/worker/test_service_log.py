"""`callwatch run` is never silent: targets and rules at start, a line per call, a line per delivery;
a rule that can never send is a configuration error. Real processes, a real SMTP server and HTTP receiver."""

import os
import shutil
import time

from tests.conftest import SEEDS
from tests.worker.test_cli import run


def arrive(folder, name):
    """A seed in the inbox, settled (written seconds ago), as `run --once` ingests only settled files."""
    copied = folder / "inbox" / name
    shutil.copy(SEEDS / name, copied)
    os.utime(copied, (time.time() - 5, time.time() - 5))


def configure(folder, text):
    (folder / "inbox").mkdir(exist_ok=True)
    (folder / "callwatch.toml").write_text(text)


def test_run_logs_targets_rules_each_call_and_each_delivery_once(tmp_path, smtp, http):
    configure(tmp_path, f'[[alerts.targets]]\nurl = "{smtp.url()}"\ntags = ["email"]\n\n'
                        f'[[alerts.targets]]\nurl = "{http.url("s3cret-token")}"\nname = "desk hook"\n')
    arrive(tmp_path, "CLLS_2021_Q2.txt")
    first = run("run", "--once", cwd=tmp_path)
    arrive(tmp_path, "CLLS_2021_Q3.txt")
    second = run("run", "--once", cwd=tmp_path)
    assert first.returncode == second.returncode == 0, first.stderr + second.stderr
    log = first.stderr + second.stderr
    assert "alert targets: mailto #1 (email); desk hook" in log
    assert "alert rule 1 (default): notable and above -> every target" in log
    assert "CLLS_2021_Q2.txt as call 1: baseline: the first call of CLLS, not alerted" in first.stderr
    assert "CLLS_2021_Q3.txt as call 2: 17 changes, 4 alerted to 2 targets" in second.stderr
    assert second.stderr.count("sent to mailto #1 (email)") == 1
    assert second.stderr.count("sent to desk hook") == 1
    assert "s3cret" not in log and f":{http.port}" not in log
    assert len(smtp.messages) == len(http.bodies) == 1


def test_run_warns_without_targets(tmp_path):
    configure(tmp_path, "")
    result = run("run", "--once", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "WARNING" in result.stderr and "no alert targets are configured" in result.stderr


def test_a_rule_that_can_never_send_is_a_configuration_error(tmp_path, http):
    configure(tmp_path, f'[[alerts.targets]]\nurl = "{http.url()}"\ntags = ["json"]\n\n'
                        '[[alerts.rules]]\ntags = ["emial"]\n\n[[alerts.rules]]\nkinds = ["cash", "clinical_hold"]\n')
    result = run("run", "--once", cwd=tmp_path)
    assert result.returncode == 2
    assert "alerts.rules.0.tags = ['emial']: a tag of a target (targets have: json)" in result.stderr
    assert "alerts.rules.1.kinds = ['cash']: kinds that change: clinical_hold," in result.stderr
    assert not (tmp_path / "callwatch.db").exists()


def test_run_logs_each_target_schedule_and_a_correction_s_follow_up(tmp_path, smtp, http):
    from tests.worker.test_corrections import corrected

    configure(tmp_path, f'[[alerts.targets]]\nurl = "{smtp.url()}"\nquiet_hours = "22:00-07:00"\n'
                        f'timezone = "America/New_York"\n\n'
                        f'[[alerts.targets]]\nurl = "{http.url()}"\ncadence = "daily"\ndaily_at = "17:30"\n'
                        'critical_at_once = false\n')
    arrive(tmp_path, "CLLS_2021_Q2.txt")
    arrive(tmp_path, "CLLS_2021_Q3.txt")
    (tmp_path / "clock").write_text("2026-12-04T15:00:00Z")  # 10:00 in New York: not quiet
    clock = {"CALLWATCH_TEST_CLOCK": str(tmp_path / "clock")}
    first = run("run", "--once", cwd=tmp_path, env=clock)
    assert first.returncode == 0, first.stderr
    assert ("alert targets: mailto #1 [quiet hours 22:00-07:00 America/New_York, critical at once]; "
            "json #2 [daily digest at 17:30 UTC, critical waits too]") in first.stderr
    fixed = corrected(tmp_path / "inbox")
    os.utime(fixed, (time.time() - 5, time.time() - 5))
    second = run("run", "--once", cwd=tmp_path, env=clock)
    assert second.returncode == 0, second.stderr
    # Q3's digest was critical: the email went at once; the JSON target's waits for 17:30, so the
    # correction updates it rather than following it up.
    assert ("as call 2: replaced the content of call 2 with version 2" in second.stderr
            and "17 changes, 4 alerted to 2 targets (alerted to 1 target before; a follow-up with what is new to 1)"
            in second.stderr), second.stderr
    assert "alert 3 sent to mailto #1" in second.stderr
    assert "alert 2 to json #2 held for daily digest until 2026-12-04T17:30:00Z" in second.stderr
    assert [message["Subject"][:19] for message in smtp.messages] == ["CLLS Q3 2021: New c", "Updated transcript:"]
    assert http.bodies == []
