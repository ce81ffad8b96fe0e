"""Publisher text that is not the call is removed; the call's own lines are kept."""

from handlers.boilerplate import strip_boilerplate

AD = [
    "10 stocks we like better than Cellectis",
    "When our award-winning analyst team has a stock tip, it can pay to listen.",
    "They just revealed what they believe are the ten best stocks for investors to buy right now...",
    "See the 10 stocks",
    "*Stock Advisor returns as of June 7, 2021",
]


def test_advertising_block_removed_whole():
    lines = ["Operator", "Please go ahead.", *AD, "Eric Dutang -- Chief Financial Officer", "Thank you."]
    assert strip_boilerplate(lines) == ["Operator", "Please go ahead.", "Eric Dutang -- Chief Financial Officer",
                                        "Thank you."]


def test_furniture_lines_removed():
    lines = ["Logo of jester cap with thought bubble.", "Image source: The Motley Fool.", "Contents:",
             "• Prepared Remarks", "• Questions and Answers", "• Call Participants", "Prepared Remarks:",
             "More CLLS analysis", "All earnings call transcripts", "AlphaStreet Logo"]
    assert strip_boilerplate(lines) == ["Prepared Remarks:"]


def test_ad_headline_without_its_end_removes_only_the_headline():
    lines = ["10 stocks we like better than Foo", "Our cash was $238 million.", "More text."]
    assert strip_boilerplate(lines) == ["Our cash was $238 million.", "More text."]


def test_speech_mentioning_stocks_is_kept():
    lines = ["We bought back 10 stocks we like better than bonds last year, so to speak."]
    assert strip_boilerplate(lines) == lines
