using Spectre.Console.Cli;

namespace Daybreak.Cli.Infrastructure;

/// <summary>A minimal registrar so commands receive the <see cref="CliEnvironment"/> through their constructor.</summary>
internal sealed class TypeRegistrar(CliEnvironment environment) : ITypeRegistrar
{
    private readonly Dictionary<Type, List<Func<Resolver, object>>> _registrations = new()
    {
        [typeof(CliEnvironment)] = [_ => environment],
    };

    public ITypeResolver Build() => new Resolver(_registrations);

    public void Register(Type service, Type implementation) => Add(service, r => r.Create(implementation));

    public void RegisterInstance(Type service, object implementation) => Add(service, _ => implementation);

    public void RegisterLazy(Type service, Func<object> factory) => Add(service, _ => factory());

    private void Add(Type service, Func<Resolver, object> factory)
    {
        if (!_registrations.TryGetValue(service, out var list)) _registrations[service] = list = [];
        list.Add(factory);
    }

    internal sealed class Resolver(Dictionary<Type, List<Func<Resolver, object>>> registrations) : ITypeResolver
    {
        public object? Resolve(Type? type)
        {
            if (type is null) return null;
            if (registrations.TryGetValue(type, out var list) && list.Count > 0) return list[^1](this);
            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IEnumerable<>))
            {
                var element = type.GetGenericArguments()[0];
                var items = registrations.TryGetValue(element, out var all) ? all.Select(f => f(this)).ToArray() : [];
                var array = Array.CreateInstance(element, items.Length);
                for (var i = 0; i < items.Length; i++) array.SetValue(items[i], i);
                return array;
            }
            if (type.IsInterface || type.IsAbstract) return null;
            return Create(type);
        }

        public object Create(Type type)
        {
            var ctor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).FirstOrDefault();
            if (ctor is null) return Activator.CreateInstance(type)!;
            return ctor.Invoke(ctor.GetParameters().Select(p => Resolve(p.ParameterType)).ToArray());
        }
    }
}
