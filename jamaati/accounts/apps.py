from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "jamaati.accounts"
    label = "accounts"
