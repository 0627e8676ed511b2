"""compare_numbers.py EXPECTED ACTUAL: whether two outputs are the same but for numbers
that agree to 1e-10 relative (the last digits a C maths library may round differently).

The texts are split into numbers and the text between them; the text must be identical
and each pair of numbers within the tolerance. Exits 0 when they agree, 1 (listing the
first differences) when they do not.
"""

import re
import sys

TOLERANCE = 1e-10
NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")


def pieces(text):
    numbers = [float(match) for match in NUMBER.findall(text)]
    return NUMBER.split(text), numbers


def main(expected_path, actual_path):
    with open(expected_path, encoding="utf-8") as expected_file:
        expected_text = expected_file.read()
    with open(actual_path, encoding="utf-8") as actual_file:
        actual_text = actual_file.read()
    expected_words, expected_numbers = pieces(expected_text)
    actual_words, actual_numbers = pieces(actual_text)
    if expected_words != actual_words:
        print(f"{actual_path}: differs from {expected_path} in more than numbers")
        return 1
    problems = [
        (want, got)
        for want, got in zip(expected_numbers, actual_numbers)
        if abs(want - got) > TOLERANCE * max(abs(want), abs(got))
    ]
    for want, got in problems[:10]:
        print(f"{actual_path}: {got!r} where {expected_path} has {want!r}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
