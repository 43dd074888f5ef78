from minwon.board.templatetags.board_text import masked_nowrap


def test_masked_tokens_are_kept_on_one_line_and_the_rest_is_escaped():
    html = masked_nowrap('연락처 010-****-5432, <b>12가****</b> & "ki***@example.com"')
    assert html == (
        '연락처 <span class="masked">010-****-5432</span>, &lt;b&gt;<span class="masked">12가****</span>'
        '&lt;/b&gt; &amp; &quot;<span class="masked">ki***@example.com</span>&quot;'
    )


def test_text_without_masks_is_only_escaped():
    assert masked_nowrap("가로등 <고장>") == "가로등 &lt;고장&gt;"
    assert masked_nowrap(None) == ""


def test_a_long_masked_token_may_still_break():
    long = "ve" + "*" * 30 + "@example.com"
    assert masked_nowrap(long) == long
