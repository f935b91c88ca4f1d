using Xfer.IO.Npy;

namespace Xfer.IO.Npz;

/// <summary>One array of an <c>.npz</c> archive, described from its header without reading the data.</summary>
/// <param name="Name">The member name without the <c>.npy</c> suffix (as <c>np.load(...).files</c> shows it).</param>
/// <param name="EntryName">The zip entry name, e.g. <c>features.npy</c>.</param>
/// <param name="Compressed">True when the entry is deflated (<c>np.savez_compressed</c>), false when stored (<c>np.savez</c>).</param>
/// <param name="Header">The member's <c>.npy</c> header: dtype, shape, order.</param>
public sealed record NpzMember(string Name, string EntryName, bool Compressed, NpyHeader Header);
