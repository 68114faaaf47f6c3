"""Writes corpus files (Scoring/corpus/*/*.yaml) in one stable layout: keys in a fixed order,
replies as literal blocks, so a diff of a corpus file shows what changed and nothing else."""
import json

PRINCIPLES = ["apology", "ownership", "remedy", "prevention", "acknowledge", "commitment", "personal-channel",
              "act-on-input", "over-apology", "excuses", "blame-shifting", "condescension", "bribery", "spin",
              "whining", "overpromise", "off-message", "hard-sell", "flippancy"]


def scalar(value):
    """A one-line YAML scalar: JSON strings are valid YAML double-quoted scalars."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    return json.dumps(value, ensure_ascii=False)


def block(text, indent):
    """A literal block scalar, or a quoted scalar when the text cannot be one."""
    if "\n" not in text.strip("\n") and len(text) < 90:
        return scalar(text)
    body = text.rstrip("\n")
    lines = body.split("\n")
    # A literal block cannot carry trailing spaces reliably or start with a space; quote then.
    if any(l != l.rstrip() for l in lines) or lines[0].startswith(" ") or "\t" in body:
        return scalar(text)
    pad = " " * indent
    return "|\n" + "\n".join((pad + l) if l else "" for l in lines)


def context_lines(context, indent):
    pad = " " * indent
    out = []
    for key in ["severity", "beat", "company-at-fault", "needs-action", "carries-input"]:
        if key in context:
            out.append(f"{pad}{key}: {scalar(context[key])}")
    if context.get("facts"):
        out.append(f"{pad}facts:")
        for fact in context["facts"]:
            out.append(f"{pad}  - id: {scalar(fact['id'])}")
            out.append(f"{pad}    text: {scalar(fact['text'])}")
            if fact.get("contradicted-by"):
                out.append(f"{pad}    contradicted-by: [{', '.join(scalar(p) for p in fact['contradicted-by'])}]")
    for key in ["out-of-reach", "may-offer"]:
        if context.get(key):
            out.append(f"{pad}{key}:")
            out += [f"{pad}  - {scalar(v)}" for v in context[key]]
    return out


def item_lines(item):
    out = [f"  - id: {item['id']}"]
    for key in ["situation", "kind", "register", "company", "published-as", "source", "source-title", "judgment", "judging-quote"]:
        if item.get(key) is not None:
            out.append(f"    {key}: {scalar(item[key])}")
    if item.get("context"):
        out.append("    context:")
        out += context_lines(item["context"], 6)
    if item.get("earlier"):
        out.append("    earlier:")
        out += [f"      - {block(e, 8)}" for e in item["earlier"]]
    out.append(f"    reply: {block(item['reply'], 6)}")
    if item.get("quality") is not None:
        out.append(f"    quality: {item['quality']}")
    if item.get("verdicts"):
        pairs = [f"{k}: {item['verdicts'][k]}" for k in PRINCIPLES if k in item["verdicts"]]
        out.append("    verdicts: {" + ", ".join(pairs) + "}")
    return out


def write(path, header, situation, items, industry=None, context=None, schema="../schema.json"):
    lines = [f"# yaml-language-server: $schema={schema}"] + [f"# {h}" for h in header] + ["corpus: 1"]
    if situation:
        lines.append(f"situation: {scalar(situation)}")
    if industry:
        lines.append(f"industry: {scalar(industry)}")
    if context:
        lines.append("context:")
        lines += context_lines(context, 2)
    lines.append("items:")
    for item in items:
        lines += item_lines(item)
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")
