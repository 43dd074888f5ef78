import pytest

from minwon.lib.masking import mask_address, mask_email, mask_name, mask_phone, mask_plate


@pytest.mark.parametrize(
    ("raw", "masked"),
    [
        ("홍길동", "홍*동"),
        ("김민", "김*"),
        ("남궁민수", "남**수"),
        ("이", "*"),
        ("  홍길동 ", "홍*동"),
        ("", ""),
        (None, ""),
        ("John", "J**n"),
    ],
)
def test_mask_name(raw, masked):
    assert mask_name(raw) == masked


@pytest.mark.parametrize(
    ("raw", "masked"),
    [
        ("010-1234-5678", "010-****-5678"),
        ("01012345678", "010-****-5678"),
        ("010 1234 5678", "010-****-5678"),
        ("011-123-4567", "011-***-4567"),
        ("02-123-4567", "02-***-4567"),
        ("02-1234-5678", "02-****-5678"),
        ("031-123-4567", "031-***-4567"),
        ("1588-1234", "****-1234"),
        ("120", "***"),
        ("", ""),
        (None, ""),
    ],
)
def test_mask_phone(raw, masked):
    assert mask_phone(raw) == masked


@pytest.mark.parametrize(
    ("raw", "masked"),
    [
        ("hong@example.com", "ho**@example.com"),
        ("abc@example.com", "a**@example.com"),
        ("a@example.com", "a*@example.com"),
        ("hong.gildong@mail.go.kr", "ho**********@mail.go.kr"),
        ("not-an-email", "n**********l"),
        ("", ""),
    ],
)
def test_mask_email(raw, masked):
    assert mask_email(raw) == masked


@pytest.mark.parametrize(
    ("raw", "masked"),
    [
        ("서울특별시 새빛구 빛나로 12, 101동 1001호", "서울특별시 새빛구 빛나로 ***"),
        ("새빛구 빛나로 12", "새빛구 빛나로 ***"),
        ("새빛구 빛나동", "새빛구 ***"),
        ("빛나동", "***"),
        ("경기도 새빛시 새빛구 빛나동 123-4", "경기도 새빛시 새빛구 ***"),
        ("", ""),
    ],
)
def test_mask_address(raw, masked):
    assert mask_address(raw) == masked


@pytest.mark.parametrize(
    ("raw", "masked"),
    [
        ("12가3456", "12가****"),
        ("123가4567", "123가****"),
        ("서울12가3456", "서울12가****"),
        ("서울 12 가 3456", "서울 12 가 ****"),
        ("ABC-123", "AB*****"),
        ("", ""),
    ],
)
def test_mask_plate(raw, masked):
    assert mask_plate(raw) == masked


@pytest.mark.parametrize(
    ("fn", "raw"),
    [
        (mask_name, "홍길동"),
        (mask_phone, "010-1234-5678"),
        (mask_email, "hong@example.com"),
        (mask_address, "새빛구 빛나로 12"),
        (mask_plate, "12가3456"),
    ],
)
def test_masking_twice_changes_nothing(fn, raw):
    assert fn(fn(raw)) == fn(raw)
