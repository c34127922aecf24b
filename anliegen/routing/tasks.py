from django_tasks import task

from .learning import model_is_current
from .training import train_and_activate


@task()
def retrain_routing_model(force: bool = False) -> str:
    """Background retraining so that staff corrections reach the next suggestion.

    Several corrections in a row enqueue several runs; all but the first find the model
    current and return at once.
    """
    if not force and model_is_current():
        return "current"
    return train_and_activate().version
