"""Command line: python -m generator validate | build | serve"""
from __future__ import annotations

import argparse
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

from .build import ROOT, BuildError, build, generate
from .problems import DataError
from .quality import stale_warnings
from .validate import load_knowledge_base


def _watched_state(root: Path) -> tuple:
    return tuple(sorted((str(p), p.stat().st_mtime_ns) for folder in ("policies", "content", "generator/templates")
                        for p in (root / folder).rglob("*") if p.is_file()))


def cmd_validate(root: Path) -> int:
    kb = load_knowledge_base(root)
    rules = sum(len(j.rules) for j in kb.jurisdictions.values())
    print(f"数据有效：{len(kb.jurisdictions)} 个地区，{rules} 条规则，{len(kb.sources)} 个来源。")
    for warning in stale_warnings(kb, root, date.today()):    # a warning, not an error: exit code stays 0
        print(warning, file=sys.stderr)
    return 0


def cmd_build(root: Path) -> int:
    site = build(root)
    print(f"网站已生成：{site}")
    return 0


def cmd_serve(root: Path, address: str) -> int:
    """Live preview: regenerate when the data changes; MkDocs reloads the browser."""
    config = generate(root)
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-f", str(config), "-a", address])
    state = _watched_state(root)
    try:
        while server.poll() is None:
            time.sleep(1)
            current = _watched_state(root)
            if current != state:
                state = current
                try:
                    generate(root)
                    print("已重新生成。", flush=True)
                except (DataError, BuildError) as error:
                    print(f"数据有错误，预览保持上一版：\n{error}", file=sys.stderr, flush=True)
    except KeyboardInterrupt:
        pass
    finally:
        server.terminate()
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator", description="医保个人账户政策数据：检查与生成网站")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("validate", help="检查 policies/ 下的数据")
    sub.add_parser("build", help="检查数据并生成 site/")
    serve = sub.add_parser("serve", help="本地预览，数据改动后自动重新生成")
    serve.add_argument("--address", default="127.0.0.1:8000")
    parser.add_argument("--root", type=Path, default=ROOT, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    try:
        if args.command == "validate":
            return cmd_validate(args.root)
        if args.command == "build":
            return cmd_build(args.root)
        return cmd_serve(args.root, args.address)
    except DataError as error:
        for problem in error.problems:
            print(problem)
        print(f"共 {len(error.problems)} 个问题，请按提示修改。", file=sys.stderr)
        return 1
    except BuildError as error:
        print(error, file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
