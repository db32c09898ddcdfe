"""Writes reference.json for the OFX files of ofxparse's own test suite (vendored, MIT, under
libs/adapters/files/src/statements/__third_party__/ofxparse-0.21/): what ofxparse 0.21, an
independent OFX reader, makes of each file. third-party-ofx.spec.ts compares our reader with it.

    python3 -m venv /tmp/ofx && /tmp/ofx/bin/pip install ofxparse==0.21
    /tmp/ofx/bin/python tools/eval/statements/ofxparse-reference.py

Not run by CI (it needs ofxparse); the JSON it writes is committed.
"""
import json
import pathlib
import warnings

import ofxparse

warnings.filterwarnings("ignore")
ROOT = pathlib.Path(__file__).resolve().parents[3] / "libs/adapters/files/src/statements/__third_party__/ofxparse-0.21"


def text(value):
    value = (value or "").strip()
    return value or None


def describe(path):
    try:
        ofx = ofxparse.OfxParser.parse(open(path, "rb"))
    except Exception as error:  # ofxparse refuses the file: record its reason
        return {"ofxparse": "refused", "reason": str(error).strip()}
    accounts = []
    for account in ofx.accounts:
        statement = getattr(account, "statement", None)
        kind = type(statement).__name__ if statement is not None else None
        entry = {"type": account.type, "kind": kind}
        if kind == "Statement":
            entry["account_id"] = account.account_id
            entry["currency"] = text(statement.currency) and statement.currency.upper()
            balance = getattr(statement, "balance", None)
            entry["balance"] = None if balance is None else str(balance)
            entry["transactions"] = [
                {
                    "id": text(t.id),
                    "date": t.date.date().isoformat() if t.date else None,
                    "amount": str(t.amount),
                    "payee": text(t.payee),
                    "memo": text(t.memo),
                    "checknum": text(t.checknum),
                }
                for t in statement.transactions
            ]
        accounts.append(entry)
    signon = getattr(ofx, "signon", None)
    return {"ofxparse": "read", "signon_code": getattr(signon, "code", None), "accounts": accounts}


reference = {p.relative_to(ROOT).as_posix(): describe(p) for p in sorted(ROOT.rglob("*.ofx"))}
(ROOT / "reference.json").write_text(json.dumps(reference, indent=1, sort_keys=True) + "\n")
print(f"wrote {len(reference)} files' reference to {ROOT / 'reference.json'}")
