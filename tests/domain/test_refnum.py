import random

from anliegen.core.refnum import check_letter, format_reference, parse_reference


def test_format_and_parse() -> None:
    ref = format_reference(2026, 4711)
    assert ref.startswith("2026-004711-") and len(ref) == 13
    assert parse_reference(f"Re: Ihr Anliegen {ref.lower()} – Rückfrage") == ref
    assert parse_reference("2026-004711-Z" if not ref.endswith("Z") else "2026-004711-Y") is None


def test_check_letter_catches_single_digit_errors_and_swaps() -> None:
    rng = random.Random(7)
    for _ in range(2000):
        year, number = rng.randint(2020, 2099), rng.randint(0, 999_999)
        digits = f"{year:04d}{number:06d}"
        letter = check_letter(year, number)
        for i in range(10):
            for d in "0123456789":
                if d != digits[i]:
                    wrong = digits[:i] + d + digits[i + 1 :]
                    assert check_letter(int(wrong[:4]), int(wrong[4:])) != letter
            for j in range(i + 1, 10):
                if digits[i] != digits[j]:
                    s = list(digits)
                    s[i], s[j] = s[j], s[i]
                    swapped = "".join(s)
                    assert check_letter(int(swapped[:4]), int(swapped[4:])) != letter
