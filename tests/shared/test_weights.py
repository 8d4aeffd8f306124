"""Survey weights (kano.shared.weights): Kish's effective n by hand, and every bad weight
named by its cell."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from kano.shared.errors import InvalidValueError, OptionError
from kano.shared.weights import effective_n, read_weights


def test_effective_n_by_hand():
    # (1 + 1 + 2)^2 / (1 + 1 + 4) = 16 / 6
    assert effective_n(np.array([1.0, 1.0, 2.0])) == pytest.approx(16 / 6)
    assert effective_n(np.ones(7)) == pytest.approx(7)
    assert effective_n(np.zeros(3)) == 0.0


def test_weights_read_with_thousands_separators_and_notes():
    frame = pd.DataFrame({"w": ["1", "0.5", "1,000", 0]})
    weights = read_weights(frame, "w", source="s.csv")
    assert weights.values.tolist() == [1.0, 0.5, 1000.0, 0.0]
    assert weights.total == 1001.5
    codes = [n.code for n in weights.notes]
    assert codes == ["weights_used", "weights_zero"]
    assert weights.notes[1].params["n"] == 1


def test_bad_weights_are_named_by_row_and_column():
    frame = pd.DataFrame({"w": [1, None, "heavy", -2, float("inf")]})
    rows = pd.Series([4, 5, 6, 7, 8])  # three header rows: data from row 4
    with pytest.raises(InvalidValueError) as exc:
        read_weights(frame, "w", source="q.csv", rows=rows)
    message = str(exc.value)
    assert message.startswith("q.csv: 4 invalid values: row 5, column 'w'")
    for cell in ("row 6, column 'w': 'heavy'", "row 7, column 'w': -2", "row 8, column 'w': inf"):
        assert cell in message


def test_unknown_column_and_all_zero_weights_are_option_errors():
    frame = pd.DataFrame({"w": [0, 0], "region": ["N", "S"]})
    with pytest.raises(
        OptionError, match=r"weight= 'wt': no such column; the columns are: w, region"
    ):
        read_weights(frame, "wt")
    with pytest.raises(OptionError, match="every weight in 'w' is 0"):
        read_weights(frame, "w")
