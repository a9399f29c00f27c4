// The kernel (the acting user, errors, process access, the write path) is what every feature uses.
global using EqualFooting.Web.Kernel;
