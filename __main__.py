"""The droplets Pulumi program: read the stack's config, build (or check) the bundle, deploy the pipeline.

    pulumi stack select dev && pulumi up

Everything it creates is described in ``components/`` (one ComponentResource per concern);
the settings it reads in ``components/config.py``; ``docs/configuration.md`` has the
reference table. The outputs below are what the Express backend and the CLI need.
"""

import pulumi
import pulumi_aws as aws

from components.bundle import BundleError, BundleSpec, build_bundle, runtime_python_version, verify_bundle
from components.config import NAMESPACE, SettingsError, load_settings
from components.encryption import KeyUnusable, check_existing_key
from components.pipeline import DropletsPipeline, DropletsPipelineArgs

settings = load_settings()
if settings.kms_key_arn is not None:
    # Your own key: checked now, not when the first queue or log group fails to use it.
    try:
        check_existing_key(settings.kms_key_arn)
    except KeyUnusable as exc:
        raise SettingsError(f"{NAMESPACE}:kms: {settings.kms_key_arn}: {exc}") from None
spec = BundleSpec(
    architecture=settings.architecture,
    python_version=runtime_python_version(),
    plugin_packages=settings.plugin_packages,
)
if settings.bundle is not None:
    # Built ahead (`droplets bundle build`): deployed as it is, once checked; nothing is
    # fetched, so a deploy runner without the package index deploys too.
    try:
        bundle = verify_bundle(settings.bundle, spec, transforms=settings.transforms, plugin_modules=settings.plugin_modules)
    except BundleError as exc:
        raise SettingsError(f"{NAMESPACE}:bundle: {settings.bundle}: {exc}") from None
else:
    try:
        bundle = build_bundle(spec)
    except BundleError as exc:
        raise pulumi.RunError(f"building the Lambda bundle: {exc}") from None

pipeline = DropletsPipeline(
    "droplets",
    DropletsPipelineArgs(
        settings=settings,
        code=pulumi.FileArchive(str(bundle.path)),
        project=pulumi.get_project(),
        stack=pulumi.get_stack(),
        account_id=aws.get_caller_identity_output().account_id,
    ),
)

for output, value in pipeline.outputs.items():  # contract.STACK_OUTPUTS
    pulumi.export(output, value)
