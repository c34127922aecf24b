"""The city's own history as a model of its own (engine.history_model, issue 23 point 5)."""

from __future__ import annotations

from anliegen.routing.engine import Example, RoutingModel, ServiceDoc, dumps, loads, train

# How this city's people write about abandoned bicycles, which its office for illegal dumping
# handles: the catalogue has no word of it.
BIKES = (
    "Schrottrad ohne Reifen am Bahnhof",
    "seit Wochen ein Schrottrad am Fahrradständer",
    "Schrottrad angekettet, total verrostet",
    "wieder ein Schrottrad beim Bäcker",
    "Schrottrad ohne Sattel vor der Schule",
)
QUERY = "Vor dem Haus steht ein verrostetes Schrottrad ohne Reifen"


def boost(model: RoutingModel, text: str, key: str) -> float:
    assert model.history is not None
    x, _coverage, _world, _analysis = model.vector(text)
    return float(model.history.boost(x)[model.keys.index(key)])


def test_history_model_says_more_the_more_similar_history_there_is(
    catalogue: tuple[ServiceDoc, ...],
) -> None:
    catalogue_only = train(catalogue)
    assert catalogue_only.history is None
    assert catalogue_only.rank(QUERY)[0].service_key != "wilder-muell"
    one = train(catalogue, [Example(BIKES[0], "wilder-muell")])
    many = train(catalogue, [Example(t, "wilder-muell", weight=3.0) for t in BIKES])
    assert 0.0 < boost(one, QUERY, "wilder-muell") < boost(many, QUERY, "wilder-muell")
    assert many.rank(QUERY)[0].service_key == "wilder-muell"


def test_history_model_leaves_unlike_texts_to_the_catalogue(
    catalogue: tuple[ServiceDoc, ...],
) -> None:
    many = train(catalogue, [Example(t, "wilder-muell", weight=3.0) for t in BIKES])
    assert boost(many, "Ich möchte meinen Hund zur Hundesteuer anmelden", "wilder-muell") == 0.0
    assert many.rank("Ich möchte meinen Hund zur Hundesteuer anmelden")[0].service_key == (
        "hundesteuer"
    )


def test_history_model_comes_back_with_a_stored_model(catalogue: tuple[ServiceDoc, ...]) -> None:
    many = train(catalogue, [Example(t, "wilder-muell", weight=3.0) for t in BIKES])
    loaded = loads(dumps(many))
    assert boost(loaded, QUERY, "wilder-muell") == boost(many, QUERY, "wilder-muell")
    assert loaded.rank(QUERY) == many.rank(QUERY)
