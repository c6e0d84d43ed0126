import pytest

from claims.triage.labels import MAX_FIELD_CHARS, LabelFileError, parse_labels, read_labels


def _problems(data, name="labels.csv"):
    with pytest.raises(LabelFileError) as caught:
        parse_labels(data, name=name)
    return caught.value.problems, str(caught.value)


def test_csv_with_any_label_spelling_and_extra_columns() -> None:
    data = (
        "id,text,label,notes\n"
        "1,Sales fell 4%.,1,x\n"
        "2,What a day!,0,\n"
        '3,"Quoted, with a comma",YES,\n'
        "4,Another,no,\n"
        "5,More,True,\n"
        "6,Less, false ,\n"
    )
    rows = parse_labels(data.encode(), name="desk.csv")
    assert [r.label for r in rows] == [1, 0, 1, 0, 1, 0]
    assert rows[2].text == "Quoted, with a comma"
    assert [r.line for r in rows] == [2, 3, 4, 5, 6, 7]
    assert all(r.group is None for r in rows)


def test_csv_delimiters_are_sniffed_and_groups_kept() -> None:
    rows = parse_labels("text;label;group\nA claim;1;a1\nAnother;0;a2\n", name="x.csv")
    assert [(r.text, r.label, r.group) for r in rows] == [
        ("A claim", 1, "a1"),
        ("Another", 0, "a2"),
    ]
    rows = parse_labels("text\tlabel\nA claim\t1\n", name="x.tsv")
    assert rows[0].label == 1


def test_doubled_quotes_inside_quoted_fields_as_spreadsheets_write_them() -> None:
    # csv.Sniffer guesses doublequote=False for such a file and splits the text at the comma
    data = (
        "text,label,group\n"
        '"""We lost that game,"" he said, via a reporter.",0,p1\n'
        '"""As a defense, we didn\'t play well.",0,p1\n'
        "Sales fell 4% in May.,1,p2\n"
    )
    rows = parse_labels(data, name="export.csv")
    assert [(r.text, r.label, r.group) for r in rows] == [
        ('"We lost that game," he said, via a reporter.', 0, "p1"),
        ("\"As a defense, we didn't play well.", 0, "p1"),
        ("Sales fell 4% in May.", 1, "p2"),
    ]


def test_multi_line_csv_fields_report_the_line_a_row_starts_on() -> None:
    data = 'text,label\n"two\nlines",1\nthird,maybe\n'
    problems, message = _problems(data)
    assert problems == [(4, "label 'maybe' is not 1/0, yes/no or true/false")]
    assert message == "labels.csv: line 4: label 'maybe' is not 1/0, yes/no or true/false"


def test_jsonl_with_json_types() -> None:
    data = (
        '{"text": "A", "label": 1}\n'
        '{"text": "B", "label": false}\n'
        "\n"
        '{"text": "C", "label": "Yes", "group": 7, "other": [1, 2]}\n'
    )
    rows = parse_labels(data, name="labels.jsonl")
    assert [(r.text, r.label, r.line) for r in rows] == [("A", 1, 1), ("B", 0, 2), ("C", 1, 4)]
    assert rows[2].group == "7"
    assert parse_labels('{"text": "A", "label": 0}', name="no-extension")[0].label == 0


@pytest.mark.parametrize(
    ("data", "name", "expected"),
    [
        ("text,verdict\nA,1\n", "a.csv", [(1, "the header has no 'label' column")]),
        ("words,verdict\nA,1\n", "a.csv", [(1, "the header has no 'text' and no 'label' column")]),
        ("text,label\n  ,1\n", "a.csv", [(2, "text is empty")]),
        ("text,label\nA,2\n", "a.csv", [(2, "label '2' is not 1/0, yes/no or true/false")]),
        ("text,label\nA,\n", "a.csv", [(2, "label '' is not 1/0, yes/no or true/false")]),
        ("text,label,x\nA\n", "a.csv", [(2, "1 fields where the header has 3")]),
        ("", "a.csv", [(1, "the file is empty")]),
        ("text,label\n", "a.csv", [(0, "no labelled rows")]),
        (
            '{"text": "A", "label": 2}\n',
            "a.jsonl",
            [(1, "label 2 is not 1/0, yes/no or true/false")],
        ),
        (
            '{"text": "A", "label": null}\n',
            "a.jsonl",
            [(1, "label None is not 1/0, yes/no or true/false")],
        ),
        (
            '{"text": "A", "label": 0.5}\n',
            "a.jsonl",
            [(1, "label 0.5 is not 1/0, yes/no or true/false")],
        ),
        ('{"text": "", "label": 1}\n', "a.jsonl", [(1, "text is empty")]),
        ('{"text": 5, "label": 1}\n', "a.jsonl", [(1, "text is missing or not a string")]),
        ('{"label": 1}\n', "a.jsonl", [(1, "no 'text'")]),
        (
            '{"text": "A", "label": 1, "group": [1]}\n',
            "a.jsonl",
            [(1, "group must be a string or a number")],
        ),
        ("[1, 2]\n", "a.jsonl", [(1, "not a JSON object")]),
        (
            '{"text": "A", "label": 1}\n{"text": "B",\n',
            "a.jsonl",
            [(2, "not valid JSON (Expecting property name enclosed in double quotes)")],
        ),
    ],
)
def test_every_error_names_its_line_and_reason(data, name, expected) -> None:
    problems, _ = _problems(data, name)
    assert problems == expected


def test_fields_over_the_size_cap_are_refused() -> None:
    long_text = "x" * (MAX_FIELD_CHARS + 1)
    problems, _ = _problems(f"text,label\nok,1\n{long_text},0\n")
    assert problems == [(3, f"text is over {MAX_FIELD_CHARS:,} characters")]
    problems, _ = _problems(f'{{"text": "{long_text}", "label": 0}}\n', "a.jsonl")
    assert problems == [(1, f"text is over {MAX_FIELD_CHARS:,} characters")]
    problems, _ = _problems("text,label\nok," + "1" * 200 + "\n")
    assert problems == [(2, "label is over 100 characters")]


def test_bad_encoding_names_the_line() -> None:
    data = b"text,label\nfine,1\n" + "caf\xe9,0\n".encode("latin-1")
    problems, message = _problems(data)
    assert problems == [(3, "not UTF-8 (byte 0xe9); save the file as UTF-8")]
    assert "Traceback" not in message


def test_several_problems_are_listed_together() -> None:
    problems, message = _problems("text,label\nA,x\n,1\nB,1\n")
    assert [line for line, _ in problems] == [2, 3]
    assert "line 2" in message and "line 3" in message


def test_a_bom_and_crlf_are_fine(tmp_path) -> None:
    path = tmp_path / "excel.csv"
    path.write_bytes("\ufefftext,label\r\nA claim,1\r\nB,0\r\n".encode())
    assert [r.label for r in read_labels(path)] == [1, 0]


def test_an_unreadable_path_is_an_error_not_a_traceback(tmp_path) -> None:
    with pytest.raises(LabelFileError, match="cannot read the file"):
        read_labels(tmp_path / "missing.csv")
    with pytest.raises(LabelFileError, match="unknown format"):
        parse_labels("text,label\nA,1\n", fmt="xlsx")
