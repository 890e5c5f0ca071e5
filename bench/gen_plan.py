#!/usr/bin/env python3
"""Writes a deterministic synthetic tracking plan for benchmarks.

usage: bench/gen_plan.py EVENTS OUT_DIR
Writes OUT_DIR/plan.yaml (plan block, owners, sources, shared properties,
identify, groups, context) and OUT_DIR/events-NN.yaml, 100 events per file,
each event with 6-10 properties mixing every type and constraint.
"""
import os
import sys

WORDS = ["Invoice", "Payment", "Client", "Project", "Report", "Account", "Team",
         "Workspace", "Document", "Export", "Import", "Reminder", "Template",
         "Subscription", "Coupon", "Seat", "Integration", "Webhook", "Session", "Task"]
ACTIONS = ["Created", "Updated", "Deleted", "Viewed", "Sent", "Shared", "Archived",
           "Restored", "Exported", "Approved"]


def event_name(i):
    w = WORDS[i % len(WORDS)]
    a = ACTIONS[(i // len(WORDS)) % len(ACTIONS)]
    n = i // (len(WORDS) * len(ACTIONS))
    return f"{w} {a}" + (f" V{n}" if n else "")


def main():
    count, out = int(sys.argv[1]), sys.argv[2]
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "plan.yaml"), "w") as f:
        f.write("""plan:
  id: bench
  name: Benchmark Plan
  version: 1
  description: A synthetic plan for benchmarks.
owners:
  growth:
    name: Growth Team
    contact: "#growth"
  billing:
    name: Billing Team
sources:
  web:
    side: client
    description: Browser app.
  api:
    side: server
    description: API.
properties:
  workspace_id:
    type: string
    format: uuid
    description: Workspace id.
  plan_tier:
    type: string
    enum: [free, starter, pro]
    description: Billing tier.
  amount_cents:
    type: integer
    minimum: 0
    description: Amount in cents.
identify:
  properties:
    email:
      type: string
      format: email
      pii: email
      description: Email.
groups:
  account:
    description: An account.
    properties:
      seats:
        type: integer
        minimum: 1
        description: Seats.
context:
  properties:
    app_version:
      type: string
      description: App version.
funnels:
  main:
    description: Main funnel.
    owner: growth
    steps: [%s]
metrics:
  conversion:
    description: Conversion.
    kind: leading
    funnel: main
    owner: growth
""" % ", ".join(event_name(i) for i in range(min(5, count))))
    for start in range(0, count, 100):
        with open(os.path.join(out, f"events-{start // 100:02d}.yaml"), "w") as f:
            f.write("events:\n")
            for i in range(start, min(start + 100, count)):
                side = "server" if i % 2 else "client"
                src = "api" if i % 2 else "web"
                f.write(f"""  {event_name(i)}:
    description: Synthetic event number {i}, sent when something happens.
    owner: {"growth" if i % 3 else "billing"}
    side: {side}
    sources: [{src}]
    category: {WORDS[i % len(WORDS)]}
    properties:
      workspace_id: {{}}
      plan_tier: {{}}
      amount_cents: {{}}
      label_{i % 7}:
        type: string
        max_length: 80
        description: A label.
      count:
        type: integer
        minimum: 0
        maximum: 1000
        description: A count.
      ratio:
        type: number
        required: false
        description: A ratio.
      flags:
        type: array
        items:
          type: string
          enum: [a, b, c]
        unique_items: true
        description: Flags.
      details:
        type: object
        nullable: true
        description: Details.
        properties:
          source:
            type: string
            description: Where from.
          at:
            type: datetime
            description: When.
""")


if __name__ == "__main__":
    main()
