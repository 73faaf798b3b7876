"""Inputs of tests/bench/serve: a death, a 60-event review, and 1,000 reviews.

Written to the directory given as the first argument. The 60-event review is
the fixture full_review_published_with_death (31 events) with nine more
agencies' IMRs (commissioned, submitted, quality assured) and one withdrawn.
"""

import json
import sys
from pathlib import Path

root = Path(__file__).resolve().parents[2]
out = Path(sys.argv[1])
out.mkdir(parents=True, exist_ok=True)
death = json.loads((root / "tests/fixtures/assess/spec_6_1.json").read_text())["input"]
fx = json.loads((root / "tests/fixtures/status/full_review_published_with_death.json").read_text())
review = fx["input"]
events = review["events"]
agencies = [f"Agency {i}" for i in range(9)]
commission = [{"on": "2024-03-01", "event": "imr_commissioned", "by": "chair", "agency": a} for a in agencies]
commission += [
    {"on": "2024-03-01", "event": "imr_commissioned", "by": "chair", "agency": "Housing"},
    {"on": "2024-03-01", "event": "imr_withdrawn", "by": "chair", "agency": "Housing", "reason": "no contact"},
]
submitted = [{"on": "2024-04-15", "event": "imr_submitted", "by": "imr_author", "agency": a} for a in agencies]
assured = [{"on": "2024-04-22", "event": "imr_quality_assured", "by": "agency_senior_manager", "agency": a} for a in agencies]
events = events[:9] + commission + events[9:15] + submitted + assured + events[15:]
review = {**review, "events": events}
assert len(events) == 60, len(events)
(out / "death.json").write_text(json.dumps(death))
(out / "review60.json").write_text(json.dumps(review))
(out / "reviews1000.json").write_text(json.dumps([review] * 1000))
(out / "reviews1000.jsonl").write_text("\n".join(json.dumps(review) for _ in range(1000)) + "\n")
for name, body in (("assess", death), ("status", review)):
    (out / f"{name}.lua").write_text(
        'wrk.method = "POST"\n'
        'wrk.headers["Content-Type"] = "application/json"\n'
        f"wrk.body = [==[{json.dumps(body, ensure_ascii=False)}]==]\n"
    )
