"""JSON and JSONL readers: stream records, one at a time, each with where it came from.

A .jsonl file is read line by line (memory does not grow with the file); a .json file holds one
record or a list of them. Every problem becomes an ImportRecordError for that line or record,
so the reader never stops at a bad record.
"""

import json

from disclosure.importers.records import ImportRecordError, record_from_dict


def _decode_error(error):
    return ImportRecordError(f"JSON 格式错误：{error.msg}（第 {error.lineno} 行第 {error.colno} 列）")


def iter_jsonl(path, *, max_body_chars, kind=None):
    """Yield (location, ImportRecord or ImportRecordError) per non-empty line."""
    with open(path, "rb") as handle:
        for number, raw in enumerate(handle, 1):
            if not raw.strip():
                continue
            location = f"{path}:第{number}行"
            try:
                text = raw.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError:
                yield location, ImportRecordError("不是有效的 UTF-8 文本（可能是二进制内容或 GBK 编码）")
                continue
            try:
                data = json.loads(text)
            except json.JSONDecodeError as error:
                yield location, ImportRecordError(f"JSON 格式错误：{error.msg}（第 {error.colno} 列）")
                continue
            try:
                yield location, record_from_dict(data, max_body_chars=max_body_chars, kind=kind)
            except ImportRecordError as error:
                yield location, error


def iter_json(path, *, max_body_chars, kind=None):
    """Yield (location, record or error) for a .json file holding an object or a list."""
    try:
        with open(path, "rb") as handle:
            data = json.loads(handle.read().decode("utf-8-sig"))
    except UnicodeDecodeError:
        yield str(path), ImportRecordError("不是有效的 UTF-8 文本（可能是二进制内容或 GBK 编码）")
        return
    except json.JSONDecodeError as error:
        yield str(path), _decode_error(error)
        return
    items = data if isinstance(data, list) else [data]
    for number, item in enumerate(items, 1):
        location = f"{path}:第{number}条记录" if isinstance(data, list) else str(path)
        try:
            yield location, record_from_dict(item, max_body_chars=max_body_chars, kind=kind)
        except ImportRecordError as error:
            yield location, error


def count_jsonl(path):
    with open(path, "rb") as handle:
        return sum(1 for line in handle if line.strip())
