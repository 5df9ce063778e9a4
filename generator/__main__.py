"""Command line: python -m generator validate | build | serve | new-city | check-links | check-quotes"""
from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from .load import DataError, load_knowledge_base, stale_warnings
from .paths import PROJECT, Paths
from .site import BuildError
from .tools.links import check_links
from .tools.quotes import check_quotes
from .tools.scaffold import ScaffoldError, ask_missing, new_city

def _site():
    """The site stage (Jinja, pypinyin, MkDocs…), imported only by the commands that build:
    `validate` must run where only the data libraries are installed."""
    from .site import build as site_build
    return site_build


def cmd_validate(root: Paths) -> int:
    kb = load_knowledge_base(root)
    rules = sum(len(j.rules) for j in kb.jurisdictions.values())
    print(f"数据有效：{len(kb.jurisdictions)} 个地区，{rules} 条规则，{len(kb.sources)} 个来源。")
    for warning in stale_warnings(kb, root, date.today()):    # a warning, not an error: exit code stays 0
        print(warning, file=sys.stderr)
    return 0


def cmd_build(root: Paths) -> int:
    site = _site().build(root, kb=load_knowledge_base(root))
    print(f"网站已生成：{site}")
    return 0


def cmd_new_city(root: Paths, name: str | None, province: str | None, city_id: str | None) -> int:
    values = ask_missing({"name": name, "province": province, "id": city_id})
    path = new_city(root, values["name"], values["province"], values["id"])
    shown = path.relative_to(root.root).as_posix()
    print(f"已创建 {shown}。\n下一步：照文件里的注释（或 CONTRIBUTING.md）填写规则和来源，"
          "然后运行 python -m generator validate 检查、python -m generator build 生成网站。")
    return 0


def cmd_check_links(root: Paths, timeout: float) -> int:
    return check_links(root.root, load_knowledge_base(root), timeout)


def cmd_check_quotes(root: Paths, timeout: float) -> int:
    return check_quotes(load_knowledge_base(root), timeout)


def cmd_serve(root: Paths, address: str) -> int:
    """Live preview: rebuilds only the pages whose content changed (generator/site/preview.py)."""
    from .site.preview import serve
    return serve(root, address)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator", description="医保个人账户政策数据：检查与生成网站")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("validate", help="检查 policies/ 下的数据")
    sub.add_parser("build", help="检查数据并生成 site/")
    serve = sub.add_parser("serve", help="本地预览，数据改动后自动重新生成")
    serve.add_argument("--address", default="127.0.0.1:8000")
    new_city = sub.add_parser("new-city", help="新建一个城市文件（带注释的模板）")
    new_city.add_argument("--name", help="城市全称，例如 株洲市")
    new_city.add_argument("--province", help="所在省的标识，例如 hunan")
    new_city.add_argument("--id", help="城市标识（英文小写），例如 zhuzhou")
    links = sub.add_parser("check-links", help="联网检查来源网址是否还能打开（不属于默认测试）")
    links.add_argument("--timeout", type=float, default=5.0, help="每个网址的超时秒数")
    quotes = sub.add_parser("check-quotes", help="联网检查来源网页上是否还能找到所引的原文（不属于默认测试）")
    quotes.add_argument("--timeout", type=float, default=10.0, help="每个网页的超时秒数")
    parser.add_argument("--root", type=Path, default=PROJECT.root, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    args.root = Paths(args.root)        # every path the commands read or write is under it
    try:
        if args.command == "validate":
            return cmd_validate(args.root)
        if args.command == "build":
            return cmd_build(args.root)
        if args.command == "new-city":
            return cmd_new_city(args.root, args.name, args.province, args.id)
        if args.command == "check-links":
            return cmd_check_links(args.root, args.timeout)
        if args.command == "check-quotes":
            return cmd_check_quotes(args.root, args.timeout)
        return cmd_serve(args.root, args.address)
    except DataError as error:
        for problem in error.problems:
            print(problem)
        print(f"共 {len(error.problems)} 个问题，请按提示修改。", file=sys.stderr)
        return 1
    except BuildError as error:
        print(error, file=sys.stderr)
        return 1
    except ScaffoldError as error:
        print(f"没有创建文件：\n{error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
