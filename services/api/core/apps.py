from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Core"

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from core.db.health import database_up

        connection_created.connect(database_up, dispatch_uid="core.db.health")
