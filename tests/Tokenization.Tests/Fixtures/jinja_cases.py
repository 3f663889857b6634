# Generates jinja_cases.json: small chat-template programs rendered by Python jinja2 set up the way
# transformers sets it up (ImmutableSandboxedEnvironment, trim_blocks, lstrip_blocks, loopcontrols,
# tojson with ensure_ascii=False, raise_exception). The C# renderer must reproduce "rendered" exactly.
# Cases with "template_from" use a shared tokenizer_config.json's chat_template (read at test time).
# Run: python3 jinja_cases.py ../../../../shared
import json, sys
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.ext import loopcontrols

shared = sys.argv[1] if len(sys.argv) > 1 else "../../../../shared"

def raise_exception(message):
    raise ValueError(message)

def tojson(x, ensure_ascii=False, indent=None, separators=None, sort_keys=False):
    return json.dumps(x, ensure_ascii=ensure_ascii, indent=indent, separators=separators, sort_keys=sort_keys)

env = ImmutableSandboxedEnvironment(trim_blocks=True, lstrip_blocks=True, extensions=[loopcontrols])
env.filters["tojson"] = tojson
env.globals["raise_exception"] = raise_exception

cases = [
    ("whitespace control", "{% for m in messages %}\n  {{ m.role }}: {{ m.content }}\n{% endfor %}\n  {%- if add_generation_prompt %}  GEN {% endif -%}\n\n tail", {}),
    ("lstrip only after newline", "a  {% if true %}x{% endif %}\n    {% if true %}y{% endif %}  {{ 'z' }}  \n", {}),
    ("plus modifiers", "a\n  {%+ if true %}b{% endif +%}\nc{# note #}\n   {# indented comment #}\nd", {}),
    ("loop variables", "{% for x in ['a','b','c'] %}{{ loop.index }}{{ loop.index0 }}{{ loop.revindex }}{{ loop.first }}{{ loop.last }}{{ loop.length }}{{ loop.previtem }}|{% endfor %}", {}),
    ("loop else and filter", "{% for x in items if x > 1 %}{{ x }},{% else %}none{% endfor %};{% for x in [] %}y{% else %}empty{% endfor %}", {"items": [1, 2, 3]}),
    ("break continue", "{% for x in range(10) %}{% if x == 2 %}{% continue %}{% endif %}{% if x > 4 %}{% break %}{% endif %}{{ x }}{% endfor %}", {}),
    ("scoping and namespace", "{% set x = 1 %}{% for i in range(3) %}{% set x = i %}{% endfor %}{{ x }}{% set ns = namespace(x=1) %}{% for i in range(3) %}{% set ns.x = ns.x + i %}{% endfor %}{{ ns.x }}", {}),
    ("arithmetic", "{{ 7 // 2 }} {{ -7 // 2 }} {{ 7 % 3 }} {{ -7 % 3 }} {{ 7 / 2 }} {{ 2 ** 10 }} {{ 1 + 2 * 3 }} {{ (1 + 2) * 3 }} {{ 0.1 + 0.2 }} {{ 1e-5 }} {{ 3.0 }} {{ 10 / 5 }}", {}),
    ("string ops", "{{ 'a' ~ 1 ~ none ~ true }} {{ 'ab' * 3 }} {{ 'x' in 'xyz' }} {{ 'q' not in 'xyz' }} {{ 'Hello World'[::-1] }} {{ 'hello'[1:3] }} {{ 'hello'[-1] }}", {}),
    ("string methods", "{{ '  a b  '.strip() }}|{{ 'xxaxx'.strip('x') }}|{{ 'a,b,,c'.split(',') }}|{{ ' a  b '.split() }}|{{ 'a-b-c'.split('-', 1) }}|{{ 'abc'.upper() }}{{ 'ABC'.lower() }}|{{ 'hello world'.title() }}|{{ 'hELLO'.capitalize() }}|{{ 'aaa'.replace('a', 'b', 2) }}|{{ 'abc'.startswith('ab') }}{{ 'abc'.endswith(('x', 'c')) }}|{{ '-'.join(['a', 'b']) }}|{{ 'abcabc'.find('c') }}{{ 'abcabc'.count('b') }}|{{ '\\n\\nx\\n'.lstrip('\\n') }}|{{ 'a\\nb\\n'.splitlines() }}", {}),
    ("filters", "{{ '  x  ' | trim }}|{{ [1,2,3] | length }}|{{ 'abc' | upper }}|{{ undefined_name | default('dflt') }}|{{ '' | default('empty', true) }}|{{ [3,1,2] | sort | join(',') }}|{{ [1,2,3] | first }}{{ [1,2,3] | last }}|{{ [1,2,3] | reverse | list }}|{{ 'a b c' | replace(' ', '_') }}|{{ '42' | int + 1 }}|{{ 3 | string }}|{{ -3 | abs }}|{{ [1,1,2] | unique | list }}|{{ 'line1\\nline2' | indent(2) }}|{{ [1,2,3] | sum }}|{{ 2.567 | round(1) }}", {}),
    ("select and map", "{{ messages | selectattr('role', 'equalto', 'user') | map(attribute='content') | join('/') }}|{{ messages | rejectattr('role', 'eq', 'user') | list | length }}|{{ [1,2,3,4] | select('even') | list }}|{{ [1,2,3,4] | reject('odd') | list }}", {}),
    ("tests", "{{ none is none }}{{ 1 is number }}{{ 1.5 is float }}{{ 1 is integer }}{{ 'a' is string }}{{ {} is mapping }}{{ [] is iterable }}{{ x is defined }}{{ y is undefined }}{{ 4 is even }}{{ 3 is odd }}{{ 9 is divisibleby 3 }}{{ true is true }}{{ false is false }}{{ 'a' is in 'abc' }}{{ 'abc' is lower }}", {"x": 1}),
    ("tojson", "{{ data | tojson }}|{{ data | tojson(indent=2) }}|{{ 'é\"\\n' | tojson }}|{{ [1.5, none, true] | tojson }}", {"data": {"b": [1, {"c": "ü"}], "a": None, "empty": [], "o": {}}}),
    ("repr of values", "{{ [1, 'a', none, true, 1.5] }}|{{ {'k': 'v', 'n': [1]} }}|{{ none }}|{{ true }}|{{ \"it's\" }}|{{ ['it\\'s'] }}", {}),
    ("dict methods", "{% for k, v in data.items() %}{{ k }}={{ v }};{% endfor %}{{ data.get('a') }}{{ data.get('zz', 'no') }}{{ data['b'] }}{{ data.keys() | list }}{% for k in data %}{{ k }}{% endfor %}", {"data": {"a": 1, "b": 2}}),
    ("macro", "{% macro greet(name, punct='!') %}Hi {{ name }}{{ punct }}{% endmacro %}{{ greet('Ann') }} {{ greet('Bob', '?') }} {{ greet(name='Cy', punct='.') }}", {}),
    ("set block and conditional expr", "{% set body %}A{{ 1 + 1 }}B{% endset %}{{ body }}|{{ 'yes' if x else 'no' }}|{{ 'only' if x }}|{{ 'n' if not x }}.", {"x": True}),
    ("elif chains", "{% for v in [1, 'a', none, [1]] %}{% if v is none %}N{% elif v is string %}S{% elif v is number %}I{% else %}O{% endif %}{% endfor %}", {}),
    ("comparisons", "{{ 1 < 2 }}{{ 2 <= 2 }}{{ 'a' < 'b' }}{{ 1 == 1.0 }}{{ [1,2] == [1,2] }}{{ 1 != 2 }}{{ not 1 }}{{ 1 and 2 }}{{ 0 or 'x' }}{{ none or [] }}", {}),
    ("message content loop", "{{ bos_token }}{% for message in messages %}{% if message['role'] == 'user' %}[INST] {{ message['content'] | trim }} [/INST]{% elif message['role'] == 'assistant' %}{{ ' ' + message['content'] + eos_token }}{% endif %}{% endfor %}", {"bos_token": "<s>", "eos_token": "</s>"}),
    ("unicode indexing", "{{ '🐍ab'[0] }}|{{ '🐍ab'[::-1] }}|{{ '🐍ab' | length }}|{{ 'é🐍'[1:] }}", {}),
    ("not binds looser than is", "{% if not date is defined %}undated{% endif %}|{{ not none is none }}|{{ none | string }}|{{ 'a' if none else 'b' }}", {}),
    ("items filter and dict literal", "{% for k, v in {'x': 1, 'y': [2]} | items %}{{ k }}{{ v }}{% endfor %}|{{ {'a': {'b': 'c'}}['a']['b'] }}|{{ data.a.b }}", {"data": {"a": {"b": 5}}}),
    ("llama31 style tools", "{%- set date_string = date_string | default('26 Jul 2024') %}{{- 'Today Date: ' + date_string + '\\n\\n' }}{%- for t in tools %}{{- t | tojson(indent=4) }}{{- '\\n\\n' }}{%- endfor %}{{ builtin_tools | reject('equalto', 'code_interpreter') | join(', ') }}", {"tools": [{"name": "f", "parameters": {"x": 1}}], "builtin_tools": ["brave_search", "code_interpreter", "wolfram_alpha"]}),
    ("raise", "{% if messages[0].role != 'system' %}{{ raise_exception('first message must be system') }}{% endif %}", {}),
]

messages = [{"role": "user", "content": " Hello "}, {"role": "assistant", "content": "Hi!"}, {"role": "user", "content": "Bye"}]
out = []
for name, template, variables in cases:
    ctx = {"messages": messages, "add_generation_prompt": True, **variables}
    try:
        out.append({"name": name, "template": template, "variables": variables, "rendered": env.from_string(template).render(**ctx)})
    except ValueError as e:
        out.append({"name": name, "template": template, "variables": variables, "error": str(e)})

qwen = json.load(open(f"{shared}/fixtures/tokenizers/qwen3/tokenizer_config.json"))
tool_messages = [
    {"role": "system", "content": "sys"},
    {"role": "user", "content": "What is the weather?"},
    {"role": "assistant", "content": "<think>\nlooking\n</think>\n\nLet me check.", "tool_calls": [{"function": {"name": "weather", "arguments": {"city": "Zürich"}}}]},
    {"role": "tool", "content": "{\"t\": 3}"},
    {"role": "assistant", "content": "It is 3 degrees."},
    {"role": "user", "content": "Thanks"},
]
tools = [{"type": "function", "function": {"name": "weather", "parameters": {"city": "string"}}}]
for thinking in (False, True):
    variables = {"tools": tools, "enable_thinking": thinking}
    rendered = env.from_string(qwen["chat_template"]).render(messages=tool_messages, add_generation_prompt=True, **variables,
                                                             bos_token=None, eos_token=qwen["eos_token"])
    out.append({"name": f"qwen3 tools thinking={thinking}", "template_from": "qwen3", "messages": tool_messages,
                "variables": variables, "rendered": rendered})

json.dump(out, open("jinja_cases.json", "w"), ensure_ascii=False, indent=1)
print(len(out), "cases")
