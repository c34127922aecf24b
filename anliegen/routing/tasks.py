from django_tasks import task

from .training import train_and_activate


@task()
def retrain_routing_model() -> str:
    """Background retraining so that staff corrections reach the next suggestion."""
    return train_and_activate().version
