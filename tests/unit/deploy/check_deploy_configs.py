#!/usr/bin/env python3
"""The configs shipped in deploy/ pass `newsd check-config`: the example config,
the container's variant of it (what the Dockerfile's sed makes) and the
Kubernetes ConfigMap's newsd.toml. Usage: check_deploy_configs.py NEWSD SOURCE_DIR"""
import pathlib
import subprocess
import sys
import tempfile

newsd, src = sys.argv[1], pathlib.Path(sys.argv[2])
example = (src / "deploy/config/newsd.toml").read_text()
container = example.replace('listen = "127.0.0.1:9464"', 'listen = "0.0.0.0:9464"')
if container == example:
    sys.exit("Dockerfile's sed no longer matches deploy/config/newsd.toml's listen line")

# The ConfigMap's block scalar: the lines indented under "newsd.toml: |".
lines = (src / "deploy/kubernetes/newsd.yaml").read_text().splitlines()
start = next(i for i, l in enumerate(lines) if l.strip() == "newsd.toml: |") + 1
indent = len(lines[start]) - len(lines[start].lstrip())
block = []
for l in lines[start:]:
    if l.strip() and len(l) - len(l.lstrip()) < indent:
        break
    block.append(l[indent:])
configmap = "\n".join(block) + "\n"
if 'listen = "0.0.0.0:9464"' not in configmap:
    sys.exit("the ConfigMap's metrics listen address is not reachable from outside the pod")

failed = 0
with tempfile.TemporaryDirectory() as d:
    for name, text in [("example", example), ("container", container), ("configmap", configmap)]:
        path = pathlib.Path(d) / f"{name}.toml"
        path.write_text(text)
        r = subprocess.run([newsd, "check-config", str(path)], capture_output=True, text=True)
        print(f"{name}: rc={r.returncode} {r.stdout.strip()} {r.stderr.strip()}")
        failed += r.returncode != 0
sys.exit(1 if failed else 0)
