"""Run the real ``__main__.py`` under Pulumi's mocks and record what it registers.

Call :func:`run_program` inside a ``@pulumi.runtime.test`` function, or let
:func:`program_test` write that function around a test of the settled run. The Pulumi
runtime's settings, root stack and config are context variables: the decorator runs each
test in a fresh asyncio task, so every test starts from a clean runtime and the stacks
never mix.
"""

from __future__ import annotations

import json
import runpy
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable

import pulumi
import pytest
import yaml
from pulumi.runtime.mocks import MockMonitor

from droplets import contract
from droplets.local.mocks import unwrap_secrets as unwrap

ROOT = Path(__file__).resolve().parents[2]
PROGRAM = ROOT / "__main__.py"
PROJECT = "droplets"
ACCOUNT = "123456789012"
STACKS = ("dev", "prod")
#: What __main__.py must export.
EXPORTS = contract.STACK_OUTPUTS
#: What ``aws.kms.get_key`` answers for a key ARN (``droplets:kms`` = an existing key): a
#: usable customer-managed key, unless a test puts other fields here (or None: no such key).
KMS_KEYS: dict[str, dict[str, Any] | None] = {}


#: The ARN of each type the program creates that AWS knows by its name: the physical id is
#: the name, or the ARN for the types in :data:`ID_IS_ARN` (as the AWS provider sets them).
NAMED_ARNS = {
    "aws:dynamodb/table:Table": "arn:aws:dynamodb:{region}:{account}:table/{name}",
    "aws:iam/role:Role": "arn:aws:iam::{account}:role/{name}",
    "aws:iam/policy:Policy": "arn:aws:iam::{account}:policy/{name}",
    "aws:cloudwatch/logGroup:LogGroup": "arn:aws:logs:{region}:{account}:log-group:{name}",
    "aws:lambda/function:Function": "arn:aws:lambda:{region}:{account}:function:{name}",
    "aws:ssm/parameter:Parameter": "arn:aws:ssm:{region}:{account}:parameter/{path}",
    "aws:sns/topic:Topic": "arn:aws:sns:{region}:{account}:{name}",
    "aws:athena/workgroup:Workgroup": "arn:aws:athena:{region}:{account}:workgroup/{name}",
    "aws:sfn/stateMachine:StateMachine": "arn:aws:states:{region}:{account}:stateMachine:{name}",
    "aws:scheduler/schedule:Schedule": "arn:aws:scheduler:{region}:{account}:schedule/default/{name}",
}
ID_IS_ARN = frozenset({"aws:iam/policy:Policy", "aws:sns/topic:Topic", "aws:sfn/stateMachine:StateMachine"})


def described_key(arn: str) -> dict[str, Any] | tuple[dict, list[tuple[str, str]]]:
    if arn in KMS_KEYS and KMS_KEYS[arn] is None:
        # as the provider answers an invoke that fails: no result, a failure
        return {}, [("keyId", f"reading KMS Key ({arn}): NotFoundException: Key '{arn}' does not exist")]
    return {"arn": arn, "id": arn, "keyId": arn.rsplit("/", 1)[1], "keyManager": "CUSTOMER", "keySpec": "SYMMETRIC_DEFAULT",
            "customerMasterKeySpec": "SYMMETRIC_DEFAULT", "keyUsage": "ENCRYPT_DECRYPT", "keyState": "Enabled",
            "enabled": True, **(KMS_KEYS.get(arn) or {})}


def stack_config(stack: str) -> dict[str, str]:
    """``Pulumi.<stack>.yaml``'s config as the Pulumi CLI hands it to the program: strings,
    structured values as JSON."""
    data = yaml.safe_load((ROOT / f"Pulumi.{stack}.yaml").read_text(encoding="utf-8")) or {}
    config = {}
    for key, value in (data.get("config") or {}).items():
        if isinstance(value, bool):
            config[key] = "true" if value else "false"
        elif isinstance(value, (dict, list)):
            config[key] = json.dumps(value)
        else:
            config[key] = str(value)
    return config


@dataclass
class Registered:
    typ: str
    name: str
    inputs: dict[str, Any]
    custom: bool
    id: str = ""
    state: dict[str, Any] = field(default_factory=dict)
    urn: str = ""
    #: ``depends_on``: the dependencies that no input property accounts for.
    explicit_dependencies: set[str] = field(default_factory=set)
    #: The ``retain_on_delete`` resource option.
    retain_on_delete: bool = False

    def plain(self, key: str) -> Any:
        """An input with Pulumi's secret wrappers removed."""
        return unwrap(self.inputs.get(key))

    def document(self, key: str = "policy") -> dict[str, Any]:
        value = self.plain(key)
        return json.loads(value) if isinstance(value, str) else value

    @property
    def parent_types(self) -> list[str]:
        """The types of this resource's ancestors, outermost first (from its URN)."""
        qualified = self.urn.split("::")[2]
        return qualified.split("$")[:-1]


class RecordingMocks(pulumi.runtime.Mocks):
    """Every registration recorded; realistic ids, names, ARNs and URLs returned."""

    def __init__(self, region: str):
        self.region = region
        self.registered: list[Registered] = []
        self.calls: list[str] = []
        self._lock = threading.Lock()
        self._counter = 0

    def _physical(self, logical: str) -> str:
        with self._lock:
            self._counter += 1
            return f"{logical}-{self._counter:07x}"

    def new_resource(self, args: pulumi.runtime.MockResourceArgs):
        inputs = dict(args.inputs)
        plain = unwrap(inputs)
        physical_id, state = self._outputs(args.typ, args.name, plain)
        with self._lock:
            self.registered.append(Registered(args.typ, args.name, inputs, bool(args.custom), physical_id, state))
        return physical_id, {**inputs, **state}

    def _outputs(self, typ: str, logical: str, inputs: dict[str, Any]) -> tuple[str, dict[str, Any]]:
        region, account = self.region, ACCOUNT
        name = inputs.get("name") or self._physical(logical)
        if typ == "aws:sqs/queue:Queue":
            url = f"https://sqs.{region}.amazonaws.com/{account}/{name}"
            return url, {"name": name, "url": url, "arn": f"arn:aws:sqs:{region}:{account}:{name}"}
        if typ == "aws:s3/bucket:Bucket":
            bucket = inputs.get("bucket") or name.lower()
            return bucket, {"bucket": bucket, "arn": f"arn:aws:s3:::{bucket}"}
        if typ == "aws:kms/key:Key":
            key_id = "1234abcd-12ab-34cd-56ef-1234567890ab"
            return key_id, {"keyId": key_id, "arn": f"arn:aws:kms:{region}:{account}:key/{key_id}"}
        if typ == "aws:glue/catalogDatabase:CatalogDatabase":
            return f"{account}:{name}", {"name": name, "arn": f"arn:aws:glue:{region}:{account}:database/{name}"}
        if typ == "aws:glue/catalogTable:CatalogTable":
            db = inputs.get("databaseName")
            return f"{account}:{db}:{name}", {"name": name, "arn": f"arn:aws:glue:{region}:{account}:table/{db}/{name}"}
        if typ in NAMED_ARNS:
            arn = NAMED_ARNS[typ].format(region=region, account=account, name=name, path=name.lstrip("/"))
            return (arn if typ in ID_IS_ARN else name), {"name": name, "arn": arn}
        return f"{logical}-id", {}

    def call(self, args: pulumi.runtime.MockCallArgs):
        with self._lock:
            self.calls.append(args.token)
        if args.token == "aws:index/getCallerIdentity:getCallerIdentity":
            return {"accountId": ACCOUNT, "arn": f"arn:aws:iam::{ACCOUNT}:user/deployer", "userId": "AIDAEXAMPLE", "id": ACCOUNT}
        if args.token == "aws:index/getRegion:getRegion":
            return {"name": self.region, "region": self.region, "id": self.region}
        if args.token == "aws:kms/getKey:getKey":
            return described_key(args.args["keyId"])
        raise NotImplementedError(f"the program made an unexpected call: {args.token}")


class RecordingMonitor(MockMonitor):
    """Also records each registration's explicit dependencies (``depends_on``): those in
    the request's dependency list that no input property accounts for."""

    def __init__(self, mocks: RecordingMocks):
        super().__init__(mocks)
        self.explicit: dict[str, set[str]] = {}
        self.retained: set[str] = set()

    def RegisterResource(self, request):
        response = super().RegisterResource(request)
        from_inputs = {urn for deps in request.propertyDependencies.values() for urn in deps.urns}
        self.explicit[response.urn] = set(request.dependencies) - from_inputs
        if request.retainOnDelete:
            self.retained.add(response.urn)
        return response


@dataclass
class ProgramRun:
    stack: str
    mocks: RecordingMocks
    monitor: RecordingMonitor
    outputs: dict[str, Any]
    namespace: dict[str, Any]

    def settled(self) -> pulumi.Output[dict[str, Any]]:
        """Resolves (to the stack outputs) once every resource of the program is registered."""
        resources = list(_resources(self.namespace["pipeline"]))
        names = list(self.outputs)
        return pulumi.Output.all(*[r.urn for r in resources], *[self.outputs[n] for n in names]).apply(
            lambda values: self._finish(len(resources), dict(zip(names, values[len(resources):])))
        )

    def _finish(self, expected: int, outputs: dict[str, Any]) -> dict[str, Any]:
        by_urn = {reg.urn: reg for reg in self.monitor.resources.values()}
        registered = self.mocks.registered
        for reg in registered:
            match = [u for u in by_urn if u.endswith(f"::{reg.name}") and u.split("::")[2].split("$")[-1] == reg.typ]
            assert len(match) == 1, (reg.typ, reg.name, match)
            reg.urn = match[0]
            reg.explicit_dependencies = self.monitor.explicit.get(reg.urn, set())
            reg.retain_on_delete = reg.urn in self.monitor.retained
        # Every registration was reached from `pipeline`, so all of them are in by now.
        assert len(registered) == expected, f"{len(registered)} registered, {expected} reachable from the pipeline"
        return outputs

    # -- lookups --

    def all(self, typ: str) -> list[Registered]:
        return [r for r in self.mocks.registered if r.typ == typ]

    def one(self, typ: str, name: str) -> Registered:
        found = [r for r in self.all(typ) if r.name == name]
        assert len(found) == 1, f"{typ} {name}: {len(found)} found; have {[r.name for r in self.all(typ)]}"
        return found[0]

    def by_urn(self, urn: str) -> Registered:
        (found,) = [r for r in self.mocks.registered if r.urn == urn]
        return found


def _resources(root: pulumi.Resource) -> Iterable[pulumi.Resource]:
    """``root`` and every resource held in an attribute of a component, recursively."""
    seen: set[int] = set()
    todo: list[Any] = [root]
    while todo:
        item = todo.pop()
        if isinstance(item, (list, tuple)):
            todo.extend(item)
        elif isinstance(item, dict):
            todo.extend(item.values())
        elif isinstance(item, pulumi.Resource) and id(item) not in seen:
            seen.add(id(item))
            yield item
            if isinstance(item, pulumi.ComponentResource):
                todo.extend(v for k, v in vars(item).items() if not k.startswith("_"))


def run_program(
    stack: str,
    overrides: dict[str, str] | None = None,
    secrets: dict[str, str] | None = None,
    drop: Iterable[str] = (),
    config_from: str | None = None,
) -> ProgramRun:
    """Run ``__main__.py`` for ``stack`` with its committed config (or ``config_from``'s, as
    ``pulumi stack init <stack> --copy-config-from <config_from>`` gives a new stack),
    ``overrides`` and ``secrets`` (set as secret config) on top, ``drop`` keys removed."""
    config = stack_config(config_from or stack)
    config.update(overrides or {})
    config.update(secrets or {})
    for key in drop:
        config.pop(key, None)
    pulumi.runtime.set_all_config(config, list(secrets or {}))
    mocks = RecordingMocks(region=config.get("aws:region", "us-east-1"))
    monitor = RecordingMonitor(mocks)
    pulumi.runtime.set_mocks(mocks, project=PROJECT, stack=stack, preview=False, monitor=monitor)
    namespace = runpy.run_path(str(PROGRAM), run_name="__main__")
    root = pulumi.runtime.get_root_resource()
    return ProgramRun(stack, mocks, monitor, dict(root.outputs), namespace)


def program_test(stack: str | None = None, *, program: Callable[..., ProgramRun] = run_program, **options: Any):
    """Makes ``test(run, outputs)`` a ``@pulumi.runtime.test`` of the program: ``program(stack,
    **options)`` (:func:`run_program`, or a wrapper of it) runs ``__main__.py`` under the mocks,
    and the test is called with the run and the stack outputs once every resource is
    registered. Without ``stack``, once for each committed stack (``run.stack`` says which):
    ``@program_test()``, ``@program_test("prod", overrides={...})``,
    ``@program_test(program=hardened_run, kms="create")``."""

    def decorate(test: Callable[[ProgramRun, dict[str, Any]], None]):
        def settled(name: str) -> pulumi.Output:
            run = program(name, **options)
            return run.settled().apply(lambda outputs: test(run, outputs))

        if stack is None:
            def each_stack(stack: str) -> pulumi.Output:
                return settled(stack)

            return pytest.mark.parametrize("stack", STACKS)(pulumi.runtime.test(_named_as(test, each_stack)))

        def one_stack() -> pulumi.Output:
            return settled(stack)

        return pulumi.runtime.test(_named_as(test, one_stack))

    return decorate


def _named_as(test: Callable, function: Callable) -> Callable:
    # Not functools.wraps: pytest would follow __wrapped__ and take run and outputs for fixtures.
    function.__name__, function.__qualname__, function.__doc__ = test.__name__, test.__qualname__, test.__doc__
    function.__module__ = test.__module__
    return function
