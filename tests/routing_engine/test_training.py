"""Training shortcuts that must not change the model: one analysis per text, merged rows."""

from __future__ import annotations

import numpy as np
from scipy import sparse

from anliegen.routing.engine import Example, ServiceDoc, train
from anliegen.routing.engine.features import Featurizer
from anliegen.routing.engine.training import merge_duplicates

TEXTS = (
    "Papierkorb voll",
    "Ich möchte Papierkorb voll",
    "Straßenlaterne defekt seit gestern",
    "Sperrmüll abholen lassen",
)


def test_matrix_built_while_fitting_equals_the_matrix_of_the_fitted_featurizer() -> None:
    feat, x = Featurizer.fit_matrix(TEXTS)
    again = feat.matrix(TEXTS)
    assert x.shape == again.shape
    assert np.allclose(x.toarray(), again.toarray())


def test_rows_that_differ_only_in_stop_words_are_merged_with_summed_weight() -> None:
    _feat, x = Featurizer.fit_matrix(TEXTS)
    y = np.array([0, 0, 1, 0])
    rows, labels, weight = merge_duplicates(x, y, np.array([2.0, 1.0, 1.0, 0.5]))
    assert rows.shape[0] == 3  # "Ich möchte …" has only stop words more
    assert labels.tolist() == [0, 1, 0]
    assert weight.tolist() == [3.0, 1.0, 0.5]
    assert np.allclose(rows.toarray(), x[[0, 2, 3]].toarray())


def test_same_rows_of_different_services_stay_apart() -> None:
    x = sparse.csr_matrix(np.array([[1.0, 0.0], [1.0, 0.0]], np.float32))
    rows, labels, weight = merge_duplicates(x, np.array([0, 1]), np.array([1.0, 1.0]))
    assert rows.shape[0] == 2 and labels.tolist() == [0, 1] and weight.tolist() == [1.0, 1.0]


def test_stored_example_vectors_are_the_examples_own_text() -> None:
    services = [
        ServiceDoc("laterne", "Straßenlaterne defekt", "Licht kaputt", "Laterne aus.", ("Lampe",)),
        ServiceDoc("muell", "Sperrmüll", "Sperrmüll abholen", "Abholung.", ("Sperrgut",)),
    ]
    model = train(services, [Example("die Funzel an der Ecke brennt nicht", "laterne")])
    assert model.example_vectors is not None and model.example_vectors.shape[0] == 1
    query, _cov, _world, _analysis = model.vector("die Funzel an der Ecke brennt nicht")
    sims = (model.example_vectors @ query.T).toarray().ravel()
    assert sims[0] > 0.9
